using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace GovCloud.Web.Infrastructure.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AgencyRevocation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "RevocationClockId",
                table: "DataCenters",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RevocationConfirmedBy",
                table: "DataCenters",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "RevocationConfirmedOn",
                table: "DataCenters",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RevocationOpinion",
                table: "DataCenters",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            // Centres revoked before the agency and the Bureau each had a step: the Bureau revoked and pooled them at once.
            migrationBuilder.Sql("UPDATE \"DataCenters\" SET \"RevocationConfirmedOn\" = \"RevokedOn\", \"RevocationConfirmedBy\" = \"RevokedBy\" WHERE \"RevokedOn\" IS NOT NULL;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RevocationClockId",
                table: "DataCenters");

            migrationBuilder.DropColumn(
                name: "RevocationConfirmedBy",
                table: "DataCenters");

            migrationBuilder.DropColumn(
                name: "RevocationConfirmedOn",
                table: "DataCenters");

            migrationBuilder.DropColumn(
                name: "RevocationOpinion",
                table: "DataCenters");
        }
    }
}
